import { startStandIn } from './server.js';

// `npm run stand-in [-- --port N]`: the local Realtime API imitation, on loopback only.
const portArg = process.argv.indexOf('--port');
const standIn = await startStandIn({ port: portArg > 0 ? Number(process.argv[portArg + 1]) : 0 });
console.log(`Realtime stand-in listening: ${standIn.baseUrl}`);
const stop = () => void standIn.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
