import type { ManagerSession } from '../manager-session.js';

type Api = ManagerSession['api'];

/** A staff member as `staff.list` answers. */
export type StaffMember = Awaited<ReturnType<Api['staff']['list']['query']>>[number];
/** A till as `terminals.list` answers. */
export type Terminal = Awaited<ReturnType<Api['terminals']['list']['query']>>[number];
export type StaffRole = StaffMember['role'];
