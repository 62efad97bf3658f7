import { registry } from "@web/core/registry";

// Someone abroad files a request on the public form, in French or in Arabic.
// The office is chosen through the link of the directory (?office_id=...);
// selectors name fields, the text is asserted only where the language is the
// point.
function requestSteps(description) {
    return [
        {
            content: "The office of the directory link is chosen",
            trigger: "select[name='office_id']:has(option:selected:not([value='']))",
        },
        {
            content: "Choose what the request is about",
            trigger: "select[name='need_id']",
            run: "selectByIndex 1",
        },
        {
            content: "Describe the request",
            trigger: "textarea[name='description']",
            run: `edit ${description}`,
        },
        {
            content: "Choose the situation",
            trigger: "select[name='profile']",
            run: "selectByIndex 3",
        },
        {
            content: "Give a name",
            trigger: "input[name='first_name']",
            run: "edit Zahra",
        },
        {
            content: "Give an e-mail address",
            trigger: "input[name='email']",
            run: "edit zahra.tour@example.com",
        },
        {
            content: "Agree (law 09-08)",
            trigger: "input[name='consent']",
            run: "click",
        },
        {
            content: "Send the request",
            trigger: ".o_baom_request_form button[type='submit']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The confirmation gives the case reference",
            trigger: ".o_baom_request_done .o_baom_request_reference:not(:empty)",
        },
    ];
}

registry.category("web_tour.tours").add("baom_portal_request_fr_tour", {
    steps: () => [
        {
            content: "The form speaks French",
            trigger: "html[lang='fr-FR'] .o_baom_request_form",
        },
        ...requestSteps("Ma pension de réversion de Belgique"),
    ],
});

registry.category("web_tour.tours").add("baom_portal_request_ar_tour", {
    steps: () => [
        {
            content: "The form reads right to left",
            trigger: "html[dir='rtl'] #wrapwrap.o_rtl .o_baom_request_form",
        },
        ...requestSteps("معاش أرملة من بلجيكا"),
        {
            content: "The confirmation reads right to left too",
            trigger: "html[dir='rtl'] .o_baom_request_done",
        },
    ],
});
