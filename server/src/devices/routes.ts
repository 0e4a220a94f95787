import { Type } from '../platform/vendor/typebox.js';
import { actorOf } from '../platform/audit.js';
import { PARTNER_BASE, type App } from '../platform/http/app.js';
import { echoIds, v1, v2 } from '../platform/http/envelope.js';
import { RequestEnvelope } from '../platform/http/request-envelope.js';
import { ConfirmationText, FilterValuesAnswer, v1Responses, v2Responses } from '../platform/http/response-schemas.js';
import { V2Envelope } from '../platform/http/v2-request.js';
import { DEVICE_API, type DeviceService } from './device-service.js';
import { SBI_API, type SbiService } from './sbi-service.js';
import {
  DeviceDeactivated,
  DeviceListPage,
  DeviceSearchPage,
  IdAnswer,
  MappingSearchPage,
  SbiDeactivated,
  SbiDevices,
  SbiListPage,
  SbiSearchPage,
  SubTypeSearchPage,
  DeviceApproval,
  DeviceCreate,
  DeviceListQuery,
  DeviceUpdate,
  FilterValues,
  MappingInput,
  SbiCreate,
  SbiListQuery,
  SbiUpdate,
  Search,
  StatusUpdate,
  V2With,
} from './schemas.js';

const SbiIdParam = Type.Object({ sbiId: Type.String({ maxLength: 36 }) });
const DeviceIdParam = Type.Object({ deviceId: Type.String({ maxLength: 36 }) });

/** Secure Biometric Interfaces: legacy CRUD, search and mapping, and the revamp endpoints. */
export function sbiRoutes(app: App, sbi: SbiService, devices: DeviceService): void {
  const tags = ['secure biometric interface'];
  const S = `${PARTNER_BASE}/securebiometricinterface`;

  app.post(
    S,
    {
      config: { pms: { access: 'postsecurebiometricinterface' } },
      schema: {
        body: RequestEnvelope(SbiCreate),
        tags,
        response: v1Responses(IdAnswer),
        summary: 'Register an SBI version (pending approval)',
      },
    },
    async (req) => v1(await sbi.create(req.body.request, actorOf(req)), echoIds(req)),
  );

  app.put(
    S,
    {
      config: { pms: { access: 'putsecurebiometricinterface' } },
      schema: { body: RequestEnvelope(SbiUpdate), tags, response: v1Responses(IdAnswer), summary: 'Update an SBI (deprecated in MOSIP)' },
    },
    async (req) => v1(await sbi.update(req.body.request, actorOf(req)), echoIds(req)),
  );

  app.patch(
    S,
    {
      config: { pms: { access: 'patchsecurebiometricinterface' } },
      schema: {
        body: RequestEnvelope(StatusUpdate),
        tags,
        response: v1Responses(ConfirmationText),
        summary: 'Approve (Activate) or reject (De-activate) an SBI',
      },
    },
    async (req) => v1(await sbi.approve(req.body.request, actorOf(req)), echoIds(req)),
  );

  app.post(
    `${S}/search`,
    {
      config: { pms: { access: 'postsecurebiometricinterfacesearch' } },
      schema: { body: RequestEnvelope(Search), tags, response: v1Responses(SbiSearchPage), summary: 'Legacy SBI search' },
    },
    async (req) => v1(await sbi.search(req.body.request, actorOf(req)), echoIds(req)),
  );

  app.post(
    `${S}/filtervalues`,
    {
      config: { pms: { access: 'postsecurebiometricinterfacefiltervalues' } },
      schema: { body: RequestEnvelope(FilterValues), tags, response: v1Responses(FilterValuesAnswer), summary: 'Legacy SBI filter values' },
    },
    async (req) => v1(await sbi.values(req.body.request, actorOf(req)), echoIds(req)),
  );

  app.put(
    `${S}/devicedetails/map`,
    {
      config: { pms: { access: 'putsecurebiometricinterfacedevicedetailsmap' } },
      schema: {
        body: RequestEnvelope(MappingInput),
        tags,
        response: v1Responses(ConfirmationText),
        summary: 'Map an approved device to an approved SBI (legacy)',
      },
    },
    async (req) => v1(await sbi.map(req.body.request, actorOf(req)), echoIds(req)),
  );

  app.put(
    `${S}/devicedetails/map/remove`,
    {
      config: { pms: { access: 'putsecurebiometricinterfacedevicedetailsmapremove' } },
      schema: {
        body: RequestEnvelope(MappingInput),
        tags,
        response: v1Responses(ConfirmationText),
        summary: 'Remove a device-SBI mapping (legacy)',
      },
    },
    async (req) => v1(await sbi.unmap(req.body.request, actorOf(req)), echoIds(req)),
  );

  app.post(
    `${S}/devicedetails/map/search`,
    {
      config: { pms: { access: 'postsecurebiometricinterfacedevicedetailsmapsearch' } },
      schema: {
        body: RequestEnvelope(Search),
        tags,
        response: v1Responses(MappingSearchPage),
        summary: 'Legacy device-SBI mapping search',
      },
    },
    async (req) => v1(await sbi.mapSearch(req.body.request, actorOf(req)), echoIds(req)),
  );

  app.post(
    `${S}/:sbiId/devices`,
    {
      config: { pms: { access: 'postadddevicetosbi', apiId: DEVICE_API.addToSbi } },
      schema: {
        params: SbiIdParam,
        body: V2With(DeviceCreate),
        tags,
        response: v2Responses(IdAnswer),
        summary: 'Add a device (pending) to an approved, active, unexpired SBI',
      },
    },
    async (req) => v2(await devices.addToSbi(req.params.sbiId, req.body, actorOf(req)), DEVICE_API.addToSbi),
  );

  app.get(
    `${S}/:sbiId/devices`,
    {
      config: { pms: { access: 'getsbidetails', apiId: SBI_API.devices } },
      schema: { params: SbiIdParam, tags, response: v2Responses(SbiDevices), summary: 'Devices of an SBI' },
    },
    async (req) => v2(await sbi.devices(req.params.sbiId, actorOf(req)), SBI_API.devices),
  );

  app.patch(
    `${S}/:sbiId`,
    {
      config: { pms: { access: 'patchdeactivatesbi', apiId: SBI_API.deactivate } },
      schema: {
        params: SbiIdParam,
        body: V2Envelope,
        tags,
        response: v2Responses(SbiDeactivated),
        summary: 'Deactivate an SBI: approved devices become inactive, pending ones rejected',
      },
    },
    async (req) => v2(await sbi.deactivate(req.params.sbiId, req.body, actorOf(req)), SBI_API.deactivate),
  );

  app.get(
    S,
    {
      config: { pms: { access: 'getallsbidetails', apiId: SBI_API.list } },
      schema: {
        querystring: SbiListQuery,
        tags,
        response: v2Responses(SbiListPage),
        summary: "SBIs (a provider's own; all for admins), paged, sorted and filtered",
      },
    },
    async (req) => v2(await sbi.list(req.query, actorOf(req)), SBI_API.list),
  );
}

/** Device make/models: legacy CRUD, search and filter values, and the revamp endpoints. */
export function deviceRoutes(app: App, devices: DeviceService): void {
  const tags = ['device details'];
  const D = `${PARTNER_BASE}/devicedetail`;

  app.post(
    D,
    {
      config: { pms: { access: 'postdevicedetail' } },
      schema: {
        body: RequestEnvelope(DeviceCreate),
        tags,
        response: v1Responses(IdAnswer),
        summary: 'Register a device make/model (pending approval)',
      },
    },
    async (req) => v1(await devices.create(req.body.request, actorOf(req)), echoIds(req)),
  );

  app.put(
    D,
    {
      config: { pms: { access: 'putdevicedetail' } },
      schema: { body: RequestEnvelope(DeviceUpdate), tags, response: v1Responses(IdAnswer), summary: 'Update a device make/model' },
    },
    async (req) => v1(await devices.update(req.body.request, actorOf(req)), echoIds(req)),
  );

  app.patch(
    D,
    {
      config: { pms: { access: 'patchdevicedetail' } },
      schema: {
        body: RequestEnvelope(StatusUpdate),
        tags,
        response: v1Responses(ConfirmationText),
        summary: 'Approve (Activate) or reject (De-activate) a device',
      },
    },
    async (req) => v1(await devices.approve(req.body.request, actorOf(req)), echoIds(req)),
  );

  app.post(
    `${D}/search`,
    {
      config: { pms: { access: 'postdevicedetailsearch' } },
      schema: { body: RequestEnvelope(Search), tags, response: v1Responses(DeviceSearchPage), summary: 'Legacy device search' },
    },
    async (req) => v1(await devices.search(req.body.request, actorOf(req)), echoIds(req)),
  );

  app.post(
    `${D}/deviceType/search`,
    {
      config: { pms: { access: 'postdevicedetaildevicetypesearch' } },
      schema: { body: RequestEnvelope(Search), tags, response: v1Responses(SubTypeSearchPage), summary: 'Device types and sub-types' },
    },
    async (req) => v1(await devices.typeSearch(req.body.request), echoIds(req)),
  );

  app.post(
    `${D}/filtervalues`,
    {
      config: { pms: { access: 'postdevicedetailfiltervalues' } },
      schema: {
        body: RequestEnvelope(FilterValues),
        tags,
        response: v1Responses(FilterValuesAnswer),
        summary: 'Legacy device filter values',
      },
    },
    async (req) => v1(await devices.values(req.body.request, actorOf(req)), echoIds(req)),
  );

  app.post(
    `${D}/deviceType/filtervalues`,
    {
      config: { pms: { access: 'postdevicedetaildevicetypefiltervalues' } },
      schema: {
        body: RequestEnvelope(FilterValues),
        tags,
        response: v1Responses(FilterValuesAnswer),
        summary: 'Device type filter values',
      },
    },
    async (req) => v1(await devices.typeValues(req.body.request), echoIds(req)),
  );

  app.post(
    `${D}/deviceSubType/filtervalues`,
    {
      config: { pms: { access: 'postdevicedetaildevicesubtypefiltervalues' } },
      schema: {
        body: RequestEnvelope(FilterValues),
        tags,
        response: v1Responses(FilterValuesAnswer),
        summary: 'Device sub-type filter values',
      },
    },
    async (req) => v1(await devices.subTypeValues(req.body.request), echoIds(req)),
  );

  app.patch(
    `${D}/:deviceId`,
    {
      config: { pms: { access: 'patchdeactivatedevice', apiId: DEVICE_API.deactivate } },
      schema: {
        params: DeviceIdParam,
        body: V2Envelope,
        tags,
        response: v2Responses(DeviceDeactivated),
        summary: 'Deactivate an approved device',
      },
    },
    async (req) => v2(await devices.deactivate(req.params.deviceId, req.body, actorOf(req)), DEVICE_API.deactivate),
  );

  app.post(
    `${D}/:deviceId/approval`,
    {
      config: { pms: { access: 'postdevicewithsbimapping', apiId: DEVICE_API.approval } },
      schema: {
        params: DeviceIdParam,
        body: V2With(DeviceApproval),
        tags,
        response: v2Responses(Type.Boolean()),
        summary: 'Approve or reject a pending device with its SBI mapping',
      },
    },
    async (req) => v2(await devices.approveWithSbi(req.params.deviceId, req.body, actorOf(req)), DEVICE_API.approval),
  );

  app.get(
    D,
    {
      config: { pms: { access: 'getalldevicedetails', apiId: DEVICE_API.list } },
      schema: {
        querystring: DeviceListQuery,
        tags,
        response: v2Responses(DeviceListPage),
        summary: 'All devices (admin), paged, sorted and filtered',
      },
    },
    async (req) => v2(await devices.list(req.query), DEVICE_API.list),
  );
}
