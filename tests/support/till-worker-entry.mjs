// Worker threads do not inherit the test runner's TypeScript loader: register tsx, then load the till.
import { register } from 'tsx/esm/api';

register();
await import('./till-worker.ts');
