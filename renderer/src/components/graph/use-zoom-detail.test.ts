import { describe, expect, it } from 'vitest';
import { detailAt, FAR_ZOOM, LABEL_ZOOM } from './use-zoom-detail';

describe('level of detail by zoom', () => {
  it('draws boxes when zoomed far out, writes their names from LABEL_ZOOM, and cards from FAR_ZOOM', () => {
    expect(detailAt(0.02)).toBe('boxes');
    expect(detailAt(LABEL_ZOOM - 0.01)).toBe('boxes');
    expect(detailAt(LABEL_ZOOM)).toBe('boxes-named');
    expect(detailAt(FAR_ZOOM - 0.01)).toBe('boxes-named');
    expect(detailAt(FAR_ZOOM)).toBe('cards');
    expect(detailAt(2.5)).toBe('cards');
  });
});
