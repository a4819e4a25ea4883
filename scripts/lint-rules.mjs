// Lint rules of our own, kept beside eslint.config.js so a test can check that they bite.

/** Ways to turn a string into markup: forbidden, so data can never become HTML or script. */
export const markupFromStrings = {
  imports: [
    {
      group: ['lit/directives/unsafe-*', 'lit-html/directives/unsafe-*'],
      message: 'Never build markup from strings: render data through lit templates.',
    },
  ],
  syntax: [
    {
      selector:
        'AssignmentExpression > MemberExpression.left[property.name=/^(innerHTML|outerHTML|srcdoc)$/]',
      message: 'Never assign HTML strings: render data through lit templates or textContent.',
    },
    {
      selector:
        'CallExpression[callee.property.name=/^(insertAdjacentHTML|createContextualFragment|setHTMLUnsafe|parseHTMLUnsafe)$/]',
      message: 'Never parse HTML strings: render data through lit templates or textContent.',
    },
    {
      selector: "CallExpression[callee.object.name='document'][callee.property.name=/^write(ln)?$/]",
      message: 'Never write HTML strings into the document.',
    },
  ],
};
