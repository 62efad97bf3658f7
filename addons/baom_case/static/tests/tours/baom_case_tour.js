import { registry } from "@web/core/registry";

const CARD = ".o_kanban_record:contains('Pension from Belgium')";
const column = (name) => `.o_kanban_group:has(.o_column_title:contains('${name}'))`;

registry.category("web_tour.tours").add("baom_case_kanban_tour", {
    url: "/odoo/action-baom_case.baom_case_action",
    steps: () => [
        {
            content: "The case waits in the First Contact column",
            trigger: `${column("First Contact")} ${CARD}`,
        },
        {
            content: "Drag it to Accompaniment",
            trigger: CARD,
            run: `drag_and_drop (${column("Accompaniment")})`,
        },
        {
            content: "It is now in Accompaniment",
            trigger: `${column("Accompaniment")} ${CARD}`,
        },
        {
            content: "Open the case",
            trigger: CARD,
            run: "click",
        },
        {
            content: "The form shows the case",
            trigger: ".o_form_view .o_statusbar_status",
        },
        {
            content: "Closing stages are under the statusbar's menu",
            trigger: ".o_statusbar_status button.dropdown-toggle:visible:contains('...')",
            run: "click",
        },
        {
            content: "Close the case as resolved",
            trigger: ".o-dropdown-item:contains('Resolved')",
            run: "click",
        },
        {
            content: "The case is resolved",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Resolved')",
        },
        {
            content: "The outcome field appears, filled in by the stage",
            trigger: ".o_field_widget[name='outcome']",
        },
        {
            content: "The case is saved",
            trigger: ".o_form_saved .o_statusbar_status .o_arrow_button_current:contains('Resolved')",
        },
    ],
});
