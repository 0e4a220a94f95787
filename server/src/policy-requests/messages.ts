/** MOSIP's success texts for policy requests (its errors are in the catalogue). */
export const APPROVED_MESSAGE = 'Policy mapping approved successfully';
export const REJECTED_MESSAGE = 'Policy mapping rejected successfully';
export const SUBMITTED_MESSAGE = 'Policy mapping request submitted successfully.';
