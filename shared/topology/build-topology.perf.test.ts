import { describe, expect, it } from 'vitest';
import { syntheticEngine } from '../../test/fixtures/topology/synthetic-engine';
import { buildTopology } from './build-topology';

const NETWORKS = 10;
const CONTAINERS = 300;

describe('buildTopology performance', () => {
  it('builds 300 containers on 10 networks well under 50 ms, matching every veth', () => {
    const { networks, containers, host, nat } = syntheticEngine(NETWORKS, CONTAINERS);
    const run = () => buildTopology({ networks, containers, hostInterfaces: host, nat, ipForward: true });
    run(); // Warm up the JIT so the measurement reflects steady state, as in the app.
    const times: number[] = [];
    let result = run();
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      result = run();
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    expect(result.vethPairs).toHaveLength(400);
    expect(result.vethPairs.every((p) => p.status === 'matched')).toBe(true);
    expect(result.nat.dnat.every((d) => d.containerNodeId !== null)).toBe(true);
    expect(times[2]).toBeLessThan(50);
  });
});
