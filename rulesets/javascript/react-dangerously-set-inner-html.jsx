import DOMPurify from "dompurify";

export function Comment({ comment }) {
  // ruleid: javascript.react-dangerously-set-inner-html
  return <div dangerouslySetInnerHTML={{ __html: comment.body }} />;
}

export function Preview({ markdown }) {
  // ruleid: javascript.react-dangerously-set-inner-html
  return <section className="preview" dangerouslySetInnerHTML={{ __html: render(markdown) }} />;
}

export function SafeComment({ comment }) {
  // ok: javascript.react-dangerously-set-inner-html
  return <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(comment.body) }} />;
}

export function Plain({ comment }) {
  // ok: javascript.react-dangerously-set-inner-html
  return <div>{comment.body}</div>;
}
