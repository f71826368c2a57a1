// Behaviour that pages declare with data attributes instead of inline handlers, which the
// Content-Security-Policy does not allow.
// data-autosubmit: a select or input that submits its form as soon as it changes (filters).
document.addEventListener('change', function (event) {
    var field = event.target;
    if (field && field.hasAttribute && field.hasAttribute('data-autosubmit') && field.form) {
        field.form.submit();
    }
});
