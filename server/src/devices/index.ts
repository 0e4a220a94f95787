import type { Module } from '../platform/http/app.js';
import type { DeviceSettings } from './common.js';
import { createDeviceService } from './device-service.js';
import { deviceRoutes, sbiRoutes } from './routes.js';
import { createSbiService } from './sbi-service.js';

/** Device providers: SBIs, device make/models, their mappings and device reference data. */
export function devicesModule(settings: DeviceSettings): Module {
  return (app, deps) => {
    const devices = createDeviceService({ store: deps.store });
    sbiRoutes(app, createSbiService({ store: deps.store, settings }), devices);
    deviceRoutes(app, devices);
  };
}

export { seedDevices } from './seed.js';

// What other domains may use of this one (the lint rule in eslint.config.js allows nothing else).
export {
  APPROVED,
  DEACTIVATE,
  PENDING,
  PENDING_CERT_UPLOAD,
  REJECTED,
  callerPartners,
  checkCanChange,
  checkOwnedAndActive,
  checkProviderChange,
  derivedStatus,
  derivedStatusOf,
  normalise,
  ownedBy,
} from './common.js';
