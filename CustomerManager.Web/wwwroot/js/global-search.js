// Ctrl+K (Cmd+K on a Mac) anywhere focuses the app bar's search field (Components/Layout/GlobalSearch.razor).
// A module file, not an inline script, so the Content-Security-Policy can stay at script-src 'self'.
let listening = false;

export function listen(inputId) {
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
