// Show only the holder fields of the chosen kind (enterprise or person).
(function () {
  const form = document.querySelector(".pass-form");
  if (!form) return;
  const groups = {
    enterprise: ["enterprise_name", "credit_code"],
    person: ["person_name", "person_id_number"],
  };
  function update() {
    const chosen = form.querySelector("input[name=holder_kind]:checked");
    const kind = chosen ? chosen.value : "enterprise";
    for (const [name, fields] of Object.entries(groups)) {
      for (const field of fields) {
        const input = form.querySelector(`[name=${field}]`);
        if (input && input.closest("div")) input.closest("div").hidden = name !== kind;
      }
    }
  }
  form.addEventListener("change", update);
  update();
})();
