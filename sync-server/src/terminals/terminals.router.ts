import { createTerminalInput, enrollInput, terminalAuthInput } from '@allure/shared/auth.schema';
import { byIdInput } from '@allure/shared/common.schema';
import { allow, publicProcedure, router } from '../trpc/trpc.js';
import {
  authenticateTerminal,
  createTerminal,
  enroll,
  issueEnrollmentCode,
  listTerminals,
  revokeTerminal,
  staffForTerminal,
  terminalProfile,
} from './terminal.service.js';

const managers = ['admin', 'manager'] as const;

export const terminalsRouter = router({
  list: allow(...managers).query(({ ctx }) => listTerminals(ctx, ctx.principal)),
  create: allow(...managers)
    .input(createTerminalInput)
    .mutation(({ ctx, input }) => createTerminal(ctx, ctx.principal, input)),
  issueEnrollmentCode: allow(...managers)
    .input(byIdInput)
    .mutation(({ ctx, input }) => issueEnrollmentCode(ctx, ctx.principal, input.id)),
  revoke: allow(...managers)
    .input(byIdInput)
    .mutation(async ({ ctx, input }) => {
      await revokeTerminal(ctx, ctx.principal, input.id);
      return { revoked: true };
    }),

  /** The till's side: enrollment code → device credential. */
  enroll: publicProcedure.input(enrollInput).mutation(({ ctx, input }) => enroll(ctx, input.code)),
  /** Device credential → terminal access token. */
  authenticate: publicProcedure
    .input(terminalAuthInput)
    .mutation(({ ctx, input }) => authenticateTerminal(ctx, input)),
  /** Staff and PIN verifiers for offline cashier switching and manager approvals. */
  staff: allow('terminal').query(({ ctx }) => staffForTerminal(ctx, ctx.principal)),
  /** The till's store, itself and its selling location, for selling and printing offline. */
  profile: allow('terminal').query(({ ctx }) => terminalProfile(ctx, ctx.principal)),
});
