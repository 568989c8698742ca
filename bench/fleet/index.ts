// The MQTT and HJ 212 telemetry fleet (the simulator and the ingest benchmark): who sends (devices.ts), what values
// (signal.ts), MQTT senders (fleet.ts) and HJ 212 stations (stations.ts).
export {
  defaultDevicesFile,
  loadDemoDevices,
  sendersOf,
  stationsOf,
  type FleetDevice,
  type FleetPoint,
  type FleetSender,
  type FleetStation,
} from './devices.ts';
export { Fleet, type ExcursionInfo, type FleetOptions, type FleetStats, type PublishInfo } from './fleet.ts';
export { excursionBands, normalBand, PointSignal, type Excursion, type SignalSpec } from './signal.ts';
export { beijingStamp, realtimeSegment, StationFleet, type StationOptions, type StationStats } from './stations.ts';
