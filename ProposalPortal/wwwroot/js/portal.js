// Nothing a user typed is silently lost: while a step dialog is open, leaving or reloading the page asks first.
// (A dropped connection is different: Blazor keeps the circuit, and the dialog's text, while it reconnects.)
window.addEventListener('beforeunload', function (event) {
    if (document.querySelector('.mud-dialog-container')) {
        event.preventDefault();
        event.returnValue = '';
    }
});

// A PDF made in the circuit (a letter preview) shown in the page: returns an object URL for an iframe.
window.portal = window.portal || {};
window.portal.pdfUrl = function (bytes) {
    return URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
};
