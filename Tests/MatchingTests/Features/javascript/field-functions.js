const view = {
  // ruleid: javascript.field-functions
  render: (props) => {
    return props.html;
  },
  // ok: javascript.field-functions
  draw: (props) => props.html,
};
class Card {
  // ruleid: javascript.field-functions
  render = function () {
    return "card";
  };
}
// ok: javascript.field-functions
const render = () => {};
// ruleid: javascript.field-functions
function render(x) {}
