/**
 * The toolbar's overflow menu (⋯): what is used less often (resetting the
 * date, the focus depth, export) opens below it, as VS Code's own `…` menus
 * do, so the toolbar keeps one row at half a window. In a narrow pane the
 * zoom buttons move into it too (the wheel, pinch and + − 0 still zoom).
 */
const NARROW = '(max-width: 640px)';

export class Toolbar {
    private readonly home: { parent: Node; next: Node | null };

    constructor(
        private readonly button: HTMLElement,
        private readonly menu: HTMLElement,
        private readonly zoom: HTMLElement
    ) {
        this.home = { parent: zoom.parentNode!, next: zoom.nextSibling };
        button.addEventListener('click', () => (this.menu.hidden ? this.open() : this.close()));
        // A click anywhere else closes the menu; one on a menu item closes it after the item has done its work.
        document.addEventListener('click', event => {
            const target = event.target as Node;
            if (button.contains(target)) return;
            if (!menu.contains(target) || (target instanceof Element && target.closest('button'))) this.close();
        });
        const narrow = window.matchMedia(NARROW);
        const place = () => this.placeZoom(narrow.matches);
        narrow.addEventListener('change', place);
        place();
    }

    open(): void {
        this.menu.hidden = false;
        this.button.setAttribute('aria-expanded', 'true');
        this.menu.querySelector<HTMLElement>('button:not([disabled]), select')?.focus();
    }

    /** Whether the menu was open. */
    close(): boolean {
        if (this.menu.hidden) return false;
        this.menu.hidden = true;
        this.button.setAttribute('aria-expanded', 'false');
        return true;
    }

    private placeZoom(narrow: boolean): void {
        if (narrow) this.menu.prepend(this.zoom);
        else this.home.parent.insertBefore(this.zoom, this.home.next);
    }
}
