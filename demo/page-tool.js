// A tool the model may call in the page: it tints the page's background.
const TINTS = { mint: '#e9f7ef', sand: '#fbf3e4', sky: '#e8f1fb', plain: '' };

export const setPageColor = {
  name: 'set_page_color',
  description: 'Tints the background of the page the visitor is looking at.',
  parameters: {
    type: 'object',
    properties: { color: { type: 'string', enum: Object.keys(TINTS) } },
    required: ['color'],
  },
  handler: ({ color }) => {
    if (!(color in TINTS)) throw new Error(`no color named ${color}`);
    document.body.style.background = TINTS[color];
    return { ok: true, color };
  },
};
