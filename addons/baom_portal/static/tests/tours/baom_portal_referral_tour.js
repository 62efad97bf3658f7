import { registry } from "@web/core/registry";

// A contact of a partner institution opens the referral sent to it, accepts
// it, then reports that the service was delivered.
registry.category("web_tour.tours").add("baom_portal_referral_answer_tour", {
    steps: () => [
        {
            content: "The referral shows the shared name",
            trigger: ".o_baom_portal_referral .o_baom_shared_name:not(:empty)",
        },
        {
            content: "Accept the referral",
            trigger: ".o_baom_referral_accept",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The referral is accepted: only the outcome form is left",
            trigger: ".o_baom_referral_done_form:not(:has(.o_baom_referral_accept))",
        },
        {
            content: "Choose the outcome",
            trigger: ".o_baom_referral_done_form select[name='outcome']",
            run: "select successful",
        },
        {
            content: "Write a word for the office",
            trigger: ".o_baom_referral_done_form textarea[name='outcome_note']",
            run: "edit Pension file opened.",
        },
        {
            content: "Mark as done",
            trigger: ".o_baom_referral_done",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "No answer form is left once done",
            trigger: ".o_baom_portal_referral:not(:has(.o_baom_referral_answer))",
        },
    ],
});
