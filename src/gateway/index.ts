// Public surface of the local gateway.
export { startGateway, type Gateway, type GatewayLimits } from './server';
export { clientName } from './client-name';
