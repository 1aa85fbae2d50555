// Online while the window moves, stale when it stops for three target durations or ends, offline when the
// playlist or the newest segment cannot be had.
import { describe, expect, it } from 'vitest';
import { judge, type Probe } from '../src/health/camera-health.ts';

const live = (mediaSequence: number, extra: Partial<Extract<Probe, { ok: true }>> = {}): Probe => ({
  ok: true,
  mediaSequence,
  segmentCount: 5,
  lastSegment: `s-${mediaSequence + 4}.ts`,
  targetDuration: 2,
  endList: false,
  ...extra,
});

describe('judge', () => {
  it('calls an advancing stream online', () => {
    const first = judge(live(10), undefined, 0);
    expect(first).toMatchObject({ status: 'online', error: null });
    const second = judge(live(11), first.progress, 2000);
    expect(second).toMatchObject({ status: 'online', progress: { changedAt: 2000 } });
  });

  it('calls a stream stale once it has not moved for more than three target durations', () => {
    const first = judge(live(10), undefined, 0);
    expect(judge(live(10), first.progress, 6000).status).toBe('online');
    expect(judge(live(10), first.progress, 6001)).toMatchObject({
      status: 'stale',
      error: 'the stream has not advanced for more than 6 s',
      progress: { changedAt: 0 },
    });
  });

  it('calls an ended stream stale', () => {
    expect(judge(live(10, { endList: true }), undefined, 0)).toMatchObject({ status: 'stale' });
  });

  it('calls a camera offline when its playlist fails, keeping what it knew of its progress', () => {
    const before = judge(live(10), undefined, 0).progress;
    expect(judge({ ok: false, error: 'the camera answered HTTP 404' }, before, 1000)).toEqual({
      status: 'offline',
      error: 'the camera answered HTTP 404',
      progress: before,
    });
  });

  it('calls a camera offline when its newest segment fails or it lists none', () => {
    expect(judge(live(10, { segmentError: 'timed out' }), undefined, 0)).toMatchObject({
      status: 'offline',
      error: 'timed out',
    });
    expect(judge(live(10, { segmentCount: 0, lastSegment: undefined }), undefined, 0).status).toBe('offline');
  });
});
