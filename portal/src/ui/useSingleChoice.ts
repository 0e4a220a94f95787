import { useEffect } from 'react';

/** A choice with one possible answer is made for the user (still shown, still changeable). */
export function useSingleChoice(options: readonly string[], value: string, choose: (v: string) => void, active = true) {
  const only = options.length === 1 ? options[0] : undefined;
  useEffect(() => {
    if (active && only !== undefined && value === '') choose(only);
  }, [active, only, value, choose]);
}
