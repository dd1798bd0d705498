import { children, createEffect, createUniqueId, Show, type JSX } from 'solid-js';

/**
 * A labelled form control: the label above its input, select or textarea, and an error text
 * under it when there is one. The control is the child, so each page keeps its own attributes;
 * the label names it by `for`/`id` (besides wrapping it, which some screen readers need) and
 * the error is tied to it with `aria-describedby`, so it is read out with the control.
 */
export function Field(props: { label: JSX.Element; error?: string | null; class?: string; children: JSX.Element }) {
  const fallbackId = createUniqueId();
  const errorId = `${fallbackId}-error`;
  const resolved = children(() => props.children);
  const control = () => resolved.toArray().find((n): n is HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement => n instanceof HTMLInputElement || n instanceof HTMLSelectElement || n instanceof HTMLTextAreaElement);
  const id = () => {
    const c = control();
    if (c && !c.id) c.id = fallbackId;
    return c?.id;
  };
  createEffect(() => {
    const c = control();
    if (!c) return;
    if (props.error) c.setAttribute('aria-describedby', errorId);
    else c.removeAttribute('aria-describedby');
  });
  return (
    <label class={props.class ? `field ${props.class}` : 'field'} for={id()}>
      <span>{props.label}</span>
      {resolved()}
      <Show when={props.error}>
        <span class="field-error" id={errorId}>
          {props.error}
        </span>
      </Show>
    </label>
  );
}
