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

// LiveRefresh: the static page fetched again, as NavigationManager.Refresh() does it on a page without an interactive
// router (an enhanced navigation to the same address, replacing its history entry). Called by the island itself so
// that a call the leaving page never answers is the island's to drop, not an error that ends its circuit.
window.portal.refresh = function () {
    Blazor.navigateTo(location.href, { replaceHistoryEntry: true });
};

// The menu on a static page (the item list, 我的待办 …): no circuit runs there to toggle MudDrawer, so this flips the
// two classes MudDrawer and MudLayout would set, open and closed, for the drawer and for the page beside it. On a
// phone (below md, 960 px) the menu floats over the page and starts closed, as the interactive layout does.
(function () {
    function drawerToggle() { return document.querySelector('[data-drawer-toggle]'); }
    function setOpen(open) {
        var drawer = document.querySelector('.mud-drawer');
        var layout = document.querySelector('.mud-layout');
        if (!drawer || !layout) { return; }
        // --initial hides a responsive drawer on a narrow screen until MudDrawer's script has run; none runs here.
        drawer.classList.remove('mud-drawer--initial');
        drawer.classList.toggle('mud-drawer--open', open);
        drawer.classList.toggle('mud-drawer--closed', !open);
        layout.classList.toggle('mud-drawer-open-responsive-md-left', open);
        layout.classList.toggle('mud-drawer-close-responsive-md-left', !open);
    }
    function settle() {
        if (drawerToggle() && window.matchMedia('(max-width: 959.98px)').matches) { setOpen(false); }
    }
    document.addEventListener('click', function (event) {
        var toggle = event.target.closest && event.target.closest('[data-drawer-toggle]');
        if (toggle) {
            setOpen(!document.querySelector('.mud-drawer').classList.contains('mud-drawer--open'));
        }
    });
    document.addEventListener('DOMContentLoaded', settle);
    if (window.Blazor && window.Blazor.addEventListener) {
        window.Blazor.addEventListener('enhancedload', settle);
    } else {
        document.addEventListener('DOMContentLoaded', function () {
            if (window.Blazor && window.Blazor.addEventListener) { window.Blazor.addEventListener('enhancedload', settle); }
        });
    }
})();

// The filter forms of the static lists (GET, the state in the URL): a choice applies at once, and the address keeps
// only the filters in use (an empty field is the default, so it is left out rather than sent as "state=").
document.addEventListener('change', function (event) {
    var form = event.target.closest && event.target.closest('form[data-filter-form]');
    if (form && event.target.tagName === 'SELECT') {
        form.requestSubmit();
    }
});
document.addEventListener('submit', function (event) {
    var form = event.target;
    if (form.matches && form.matches('form[data-filter-form]')) {
        Array.prototype.forEach.call(form.elements, function (field) {
            if (field.name && field.value === '') { field.disabled = true; }
        });
    }
}, true);

// 全选本页 on the item list (the Office's batch bar): ticks or clears every row's checkbox on this page. Without
// script each row is ticked by hand, or "all N matching" chosen in the bar.
document.addEventListener('change', function (event) {
    if (event.target.matches && event.target.matches('input[data-batch-page]')) {
        document.querySelectorAll('input[data-testid="batch-select"]').forEach(function (box) { box.checked = event.target.checked; });
    }
});

// A page that answers a POST (a batch's result): reloading it must ask for the page afresh, not send the batch again
// (a 催办 would reach everyone twice). Replacing the history entry makes it a plain GET of the same address.
(function () {
    function forgetPost() {
        if (document.querySelector('[data-posted-result]') && window.history.replaceState) {
            window.history.replaceState(null, '', window.location.href);
        }
    }
    if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', forgetPost); } else { forgetPost(); }
})();
