// Exports (Exports/ExportButtons.razor): fetch a finished file as a download without leaving the page.
// A file, not an inline script, so the Content-Security-Policy can stay at script-src 'self'.
window.cmDownload = (url, name) => {
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
};
