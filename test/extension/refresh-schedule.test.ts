import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RefreshSchedule } from '../../src/extension/refresh-schedule.js';

/** When the preview asks for a new picture after the server reports a build (src/extension/preview.ts). */
describe("the preview's refresh after a model change", () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it('draws a lone change (a quick fix) at once, not after the typing delay', () => {
        const refresh = vi.fn();
        const schedule = new RefreshSchedule(300, refresh);
        schedule.changed();
        expect(refresh).toHaveBeenCalledTimes(1);
        vi.advanceTimersByTime(1000);
        expect(refresh).toHaveBeenCalledTimes(1);
        // After a quiet spell, the next lone change is drawn at once too.
        schedule.changed();
        expect(refresh).toHaveBeenCalledTimes(2);
    });

    it('draws a burst of changes (typing) once more when it stops, and not in between', () => {
        const refresh = vi.fn();
        const schedule = new RefreshSchedule(300, refresh);
        schedule.changed();
        for (let i = 0; i < 10; i++) {
            vi.advanceTimersByTime(100);
            schedule.changed();
        }
        expect(refresh).toHaveBeenCalledTimes(1);
        vi.advanceTimersByTime(299);
        expect(refresh).toHaveBeenCalledTimes(1);
        vi.advanceTimersByTime(1);
        expect(refresh).toHaveBeenCalledTimes(2);
        vi.advanceTimersByTime(1000);
        expect(refresh).toHaveBeenCalledTimes(2);
    });

    it('draws nothing once disposed', () => {
        const refresh = vi.fn();
        const schedule = new RefreshSchedule(300, refresh);
        schedule.changed();
        schedule.changed();
        schedule.dispose();
        vi.advanceTimersByTime(1000);
        expect(refresh).toHaveBeenCalledTimes(1);
    });
});
