import {
  createStaffInput,
  listStaffInput,
  setStaffActiveInput,
  setStaffPinInput,
  updateStaffInput,
} from '@allure/shared/staff.schema';
import { allow, router } from '../trpc/trpc.js';
import { createStaff, listStaff, setStaffActive, setStaffPin, updateStaff } from './staff.service.js';

const managers = ['admin', 'manager'] as const;

/** The back office's team: managers look after their store's cashiers, admins after everyone. */
export const staffRouter = router({
  list: allow(...managers)
    .input(listStaffInput)
    .query(({ ctx, input }) => listStaff(ctx, ctx.principal, input)),
  create: allow(...managers)
    .input(createStaffInput)
    .mutation(({ ctx, input }) => createStaff(ctx, ctx.principal, input)),
  update: allow(...managers)
    .input(updateStaffInput)
    .mutation(({ ctx, input }) => updateStaff(ctx, ctx.principal, input)),
  setPin: allow(...managers)
    .input(setStaffPinInput)
    .mutation(({ ctx, input }) => setStaffPin(ctx, ctx.principal, input)),
  setActive: allow(...managers)
    .input(setStaffActiveInput)
    .mutation(({ ctx, input }) => setStaffActive(ctx, ctx.principal, input)),
});
