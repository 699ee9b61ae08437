// Posts the deep-linking answer back to the LMS at once; the button stays for no-script.
document.querySelectorAll("form[data-autosubmit]").forEach((form) => form.submit());
