// The signed-in user's own units (their unit and those above it) for the panel grid and the appeal form.
import { useMemo } from 'react';
import { useAuth } from '../../app/auth.tsx';
import { useUnits } from '../../app/reference-data.ts';
import { ownUnitIds } from './assessment-ui.ts';

export function useOwnUnitIds(): Set<string> {
  const { me, can } = useAuth();
  // GET /api/units needs one of these; without them only the user's own unit is known
  const units = useUnits(can('units.read') || can('users.read'));
  return useMemo(() => ownUnitIds(units, me?.unitId), [units, me?.unitId]);
}
