// ruleid: javascript.classes
class View {
  constructor(props) {
    this.props = props;
  }
  render() {
    return this.props.html;
  }
}
// ruleid: javascript.classes
class Widget extends View {
  static count = 0;
  render() {}
}
// ok: javascript.classes
class Model {
  save() {}
}
