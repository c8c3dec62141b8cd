import { StaffPanel } from './StaffPanel.js';
import { TerminalsPanel } from './TerminalsPanel.js';

/** Who works in the store and on which tills: people, roles and PINs; tills, enrollment and revocation. */
export function TeamScreen() {
  return (
    <div className="team">
      <StaffPanel />
      <TerminalsPanel />
    </div>
  );
}
