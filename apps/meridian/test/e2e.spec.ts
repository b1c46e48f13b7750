import { allInOneE2e } from './all-in-one-suite';

allInOneE2e({ name: 'SQLite', env: { MERIDIAN_STORE: 'sqlite' } });
