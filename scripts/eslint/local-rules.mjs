// The repository's own ESLint rules (registered as the `local` plugin in eslint.config.mjs).

/** Two JSDoc blocks in a row: the first documents nothing (a leftover, or a doc that lost its declaration). */
const oneJsdoc = {
  meta: {
    type: 'problem',
    docs: { description: 'One JSDoc block per declaration: no JSDoc block directly followed by another' },
    messages: { detached: 'This JSDoc block documents nothing: another JSDoc block follows it. Merge or remove one.' },
    schema: [],
  },
  create(context) {
    const source = context.sourceCode;
    return {
      Program() {
        const docs = source.getAllComments().filter((c) => c.type === 'Block' && c.value.startsWith('*'));
        for (const [i, doc] of docs.entries()) {
          const next = docs[i + 1];
          if (next && source.text.slice(doc.range[1], next.range[0]).trim() === '')
            context.report({ loc: doc.loc, messageId: 'detached' });
        }
      },
    };
  },
};

export default { rules: { 'one-jsdoc': oneJsdoc } };
