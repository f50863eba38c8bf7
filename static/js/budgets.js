// Budgets: show the sum of the amounts typed so far, as one types. The server's figures after
// "Save and recalculate" stay the truth; without this script the page works the same.
(function () {
  "use strict";

  // The same rule as the server's parse_amount: the last of "." and "," is the decimal mark
  // when both occur; one mark followed by exactly three digits, or repeated, marks thousands.
  function cents(text) {
    var s = text.replace(/[€\s\u00a0]/g, "").replace(/^eur/i, "");
    if (s === "") return 0;
    if (!/^-?[0-9.,]+$/.test(s)) return null;
    var negative = s.charAt(0) === "-";
    s = s.replace(/^-/, "");
    var whole = s, fraction = "";
    var dot = s.lastIndexOf("."), comma = s.lastIndexOf(",");
    if (dot >= 0 && comma >= 0) {
      var mark = dot > comma ? "." : ",";
      var at = s.lastIndexOf(mark);
      whole = s.slice(0, at).split(dot > comma ? "," : ".").join("");
      fraction = s.slice(at + 1);
    } else if (dot >= 0 || comma >= 0) {
      var m = dot >= 0 ? "." : ",";
      var parts = s.split(m);
      var tail = parts[parts.length - 1];
      if (parts.length > 2 || tail.length === 3) {
        whole = parts.join("");
      } else {
        whole = parts[0];
        fraction = tail;
      }
    }
    if (!/^[0-9]+$/.test(whole) || !/^[0-9]{0,2}$/.test(fraction)) return null;
    var value = parseInt(whole, 10) * 100 + parseInt((fraction + "00").slice(0, 2), 10);
    return negative ? -value : value;
  }

  function format(value, lang) {
    var sign = value < 0 ? "-" : "";
    value = Math.abs(value);
    var euros = String(Math.floor(value / 100));
    var rest = String(value % 100).padStart(2, "0");
    var group = lang === "nl" ? "." : ",";
    euros = euros.replace(/\B(?=(\d{3})+(?!\d))/g, group);
    return sign + euros + (lang === "nl" ? "," : ".") + rest;
  }

  document.querySelectorAll("form.budget-form").forEach(function (form) {
    var live = form.querySelector(".budget-live");
    var output = form.querySelector(".budget-live-total");
    var lang = document.documentElement.lang || "en";
    if (!live || !output) return;
    // One sum per kind of row (receipts and payments apart), named as the row's choice shows it.
    function update() {
      var sums = {}, order = [];
      form.querySelectorAll("tbody tr").forEach(function (row) {
        var group = row.querySelector("select[name$='-group']");
        var name = group ? group.options[group.selectedIndex].text : "";
        row.querySelectorAll("input.budget-amount").forEach(function (input) {
          var value = cents(input.value);
          if (value === null) return;
          if (!(name in sums)) { sums[name] = 0; order.push(name); }
          sums[name] += value;
        });
      });
      output.textContent = order.map(function (name) {
        return (name ? name + ": " : "") + format(sums[name], lang);
      }).join(" · ");
    }
    live.hidden = false;
    form.addEventListener("input", update);
    update();
  });
})();
