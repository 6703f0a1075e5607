// Centre and roster management for its handlers (kept apart from deps.ts so that only these bundles carry
// the Cognito client).
import { Network } from '#shared/network.ts';
import { deps } from './deps.ts';
import { identityPort } from './identity.ts';

let built: Network | undefined;

export function network(): Network {
  const { doc, config, centres } = deps();
  built ??= new Network(doc, config.tableName, centres, identityPort);
  return built;
}
