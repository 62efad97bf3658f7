import { registry } from "@web/core/registry";

// An officer's first morning, in French and in Arabic: the office dashboard,
// the case kanban, a case. Selectors name fields and buttons, not their
// translated text; the text is asserted only where the translation is the
// point (the stage names).
const DASHBOARD_CARD = ".o_baom_office_dashboard .o_kanban_record:has(button[name='action_open_cases'])";
const CASE_CARD = ".o_kanban_record:contains('Pension from Belgium')";
const FIRST_COLUMN = ".o_baom_case_kanban .o_kanban_group:first-child";

function dayOneSteps(firstStage) {
    return [
        {
            content: "The office dashboard shows the office's card",
            trigger: `${DASHBOARD_CARD} .o_baom_dashboard_figures`,
        },
        {
            content: "Open the office's cases",
            trigger: `${DASHBOARD_CARD} button[name='action_open_cases']`,
            run: "click",
        },
        {
            content: "The first column of the kanban bears the translated stage name",
            trigger: `${FIRST_COLUMN} .o_column_title:contains('${firstStage}')`,
        },
        {
            content: "The case waits in that column",
            trigger: `${FIRST_COLUMN} ${CASE_CARD}`,
        },
    ];
}

function openCaseSteps(firstStage) {
    return [
        {
            content: "Open the case",
            trigger: `.o_baom_case_kanban ${CASE_CARD}`,
            run: "click",
        },
        {
            content: "The form's statusbar shows the translated stage",
            trigger: `.o_form_view .o_statusbar_status .o_arrow_button_current:contains('${firstStage}')`,
        },
        {
            content: "The case's reference is shown",
            trigger: ".o_form_view .o_field_widget[name='name']:not(:empty)",
        },
    ];
}

function assertRightToLeft(element, what) {
    const direction = getComputedStyle(element).direction;
    if (!document.body.classList.contains("o_rtl") || direction !== "rtl") {
        throw new Error(`${what} is not right to left (direction: ${direction})`);
    }
}

registry.category("web_tour.tours").add("baom_case_day_one_fr_tour", {
    url: "/odoo/action-baom_base.baom_office_action_dashboard",
    steps: () => [
        ...dayOneSteps("Prise de contact"),
        {
            content: "French is laid out left to right",
            trigger: FIRST_COLUMN,
            run() {
                if (document.body.classList.contains("o_rtl")) {
                    throw new Error("French must not be laid out right to left");
                }
            },
        },
        ...openCaseSteps("Prise de contact"),
    ],
});

registry.category("web_tour.tours").add("baom_case_day_one_ar_tour", {
    url: "/odoo/action-baom_base.baom_office_action_dashboard",
    steps: () => [
        {
            content: "The dashboard is right to left",
            trigger: `${DASHBOARD_CARD} .o_baom_dashboard_figures`,
            run() {
                assertRightToLeft(document.querySelector(".o_kanban_view"), "the dashboard");
            },
        },
        ...dayOneSteps("أول تواصل"),
        {
            content: "The kanban is right to left: its first column at the right edge",
            trigger: FIRST_COLUMN,
            run() {
                const kanban = document.querySelector(".o_kanban_renderer");
                assertRightToLeft(kanban, "the kanban");
                const columns = [...kanban.querySelectorAll(".o_kanban_group")];
                const first = columns[0].getBoundingClientRect();
                const second = columns[1].getBoundingClientRect();
                const frame = kanban.getBoundingClientRect();
                if (first.left <= second.left) {
                    throw new Error("the second stage should stand left of the first in Arabic");
                }
                if (frame.right - first.right > first.width / 2) {
                    throw new Error(
                        `the first stage should start at the right edge (${first.right} of ${frame.right})`
                    );
                }
            },
        },
        ...openCaseSteps("أول تواصل"),
        {
            content: "The form is right to left too",
            trigger: ".o_form_view .o_statusbar_status",
            run() {
                assertRightToLeft(document.querySelector(".o_form_view"), "the case form");
                // Left to right, the stages end the statusbar on the right;
                // right to left, they end it on the left.
                const stages = document.querySelector(".o_form_view .o_statusbar_status");
                const bar = document.querySelector(".o_form_view .o_form_statusbar");
                const box = bar.getBoundingClientRect();
                const stagesBox = stages.getBoundingClientRect();
                if (stagesBox.left - box.left > box.right - stagesBox.right) {
                    throw new Error("the stages should stand at the left end of the statusbar in Arabic");
                }
            },
        },
    ],
});
