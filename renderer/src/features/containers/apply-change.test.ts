import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../../shared/containers/model';
import { applyContainersChange } from './apply-change';

const row = (id: string, state: ContainerSummary['state'] = 'running') => ({ id, name: id, state }) as ContainerSummary;

describe('applyContainersChange', () => {
  const loaded = { containers: { a: row('a'), b: row('b') }, revision: 5 };

  it('upserts and removes rows of a newer change', () => {
    const next = applyContainersChange(loaded, { revision: 6, upserted: [row('a', 'exited'), row('c')], removed: ['b'] });
    expect(Object.keys(next.containers).sort()).toEqual(['a', 'c']);
    expect(next.containers.a.state).toBe('exited');
    expect(next.revision).toBe(6);
    expect(loaded.containers.a.state).toBe('running');
  });

  it('drops a change the loaded list already contains', () => {
    expect(applyContainersChange(loaded, { revision: 5, upserted: [row('z')], removed: ['a'] })).toBe(loaded);
    expect(applyContainersChange(loaded, { revision: 3, upserted: [], removed: ['a'] })).toBe(loaded);
  });
});
