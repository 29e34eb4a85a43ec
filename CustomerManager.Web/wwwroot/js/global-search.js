// Ctrl+K (Cmd+K on a Mac) anywhere focuses the app bar's search field (Components/Layout/GlobalSearch.razor).
// A module file, not an inline script, so the Content-Security-Policy can stay at script-src 'self'.
let listening = false;

export function listen(inputId) {
    // Marks the field (the browser tests wait for it); the field is drawn again on each page, the listener stays.
    document.getElementById(inputId)?.setAttribute('data-shortcut', 'ctrl+k');
    if (listening) {
        return;
    }

    listening = true;
    document.addEventListener('keydown', e => {
        if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k') {
            const input = document.getElementById(inputId);
            if (input) {
                e.preventDefault();
                input.focus();
                input.select();
            }
        }
    });
}
