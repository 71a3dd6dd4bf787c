// Public surface of the local gateway.
export { DEFAULT_LIMITS, startGateway, type Gateway, type GatewayLimits, type GatewayOptions } from './server';
export { clientName } from './client-name';
