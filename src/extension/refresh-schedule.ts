/**
 * When the preview asks the server again after the model changed. The first
 * change after a quiet spell (a quick fix, a paste, a save) is drawn at once:
 * waiting for more to come cost a quick fix a third of a second of its one
 * second. Changes that follow within `quiet` ms (typing) are drawn once,
 * when they stop; the server stops a layout that a newer request supersedes.
 * No imports from `vscode`, so the tests can run it as it is.
 */
export class RefreshSchedule {
    private timer: ReturnType<typeof setTimeout> | undefined;
    private pending = false;

    constructor(
        private readonly quiet: number,
        private readonly refresh: () => void
    ) {}

    changed(): void {
        if (this.timer === undefined) {
            this.refresh();
        } else {
            this.pending = true;
            clearTimeout(this.timer);
        }
        this.timer = setTimeout(() => this.settled(), this.quiet);
    }

    dispose(): void {
        clearTimeout(this.timer);
        this.timer = undefined;
        this.pending = false;
    }

    private settled(): void {
        this.timer = undefined;
        if (!this.pending) return;
        this.pending = false;
        this.refresh();
        // What is drawn now may be followed by more changes: they wait for the next quiet spell.
        this.timer = setTimeout(() => this.settled(), this.quiet);
    }
}
