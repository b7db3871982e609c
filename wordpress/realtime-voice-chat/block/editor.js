/**
 * The Voice chat block in the editor: its settings in the sidebar, a placeholder on the canvas. No build step: it
 * uses the editor's own packages from `wp`. The page shows the real element (rendered on the server).
 */
(function (wp) {
  const { registerBlockType } = wp.blocks;
  const { createElement: el, Fragment } = wp.element;
  const { InspectorControls, useBlockProps } = wp.blockEditor;
  const { PanelBody, SelectControl, TextControl, Placeholder } = wp.components;
  const { __ } = wp.i18n;

  const choice = (value, label) => ({ value, label });
  const byDefault = choice('', __('Site default', 'realtime-voice-chat'));
  // The element's UI languages, each named in its own language (as the plugin's settings list them).
  const languages = [
    ['en', 'English'],
    ['ar', 'العربية'],
    ['de', 'Deutsch'],
    ['es', 'Español'],
    ['fr', 'Français'],
    ['he', 'עברית'],
    ['hi', 'हिन्दी'],
    ['it', 'Italiano'],
    ['ja', '日本語'],
    ['ko', '한국어'],
    ['nl', 'Nederlands'],
    ['pl', 'Polski'],
    ['pt', 'Português'],
    ['pt-BR', 'Português (Brasil)'],
    ['tr', 'Türkçe'],
    ['zh-Hans', '简体中文'],
    ['zh-Hant', '繁體中文'],
  ];
  const voices = ['marin', 'cedar', 'alloy', 'ash', 'ballad', 'coral', 'echo', 'sage', 'shimmer', 'verse'];

  /** A select bound to one attribute. */
  function select(props, name, label, options) {
    return el(SelectControl, {
      label,
      value: props.attributes[name],
      options: [byDefault, ...options],
      onChange: (value) => props.setAttributes({ [name]: value }),
    });
  }

  registerBlockType('realtime-voice-chat/voice-chat', {
    edit(props) {
      const settings = el(
        PanelBody,
        { title: __('Voice chat settings', 'realtime-voice-chat') },
        select(props, 'layout', __('Layout', 'realtime-voice-chat'), [
          choice('full', __('Full panel', 'realtime-voice-chat')),
          choice('compact', __('Compact', 'realtime-voice-chat')),
          choice('floating', __('Floating button', 'realtime-voice-chat')),
        ]),
        select(
          props,
          'voice',
          __('Voice', 'realtime-voice-chat'),
          voices.map((v) => choice(v, v)),
        ),
        select(
          props,
          'lang',
          __('Language', 'realtime-voice-chat'),
          languages.map(([code, name]) => choice(code, name)),
        ),
        select(props, 'theme', __('Colours', 'realtime-voice-chat'), [
          choice('light', __('Light', 'realtime-voice-chat')),
          choice('dark', __('Dark', 'realtime-voice-chat')),
        ]),
        select(props, 'turnDetection', __('Turn taking', 'realtime-voice-chat'), [
          choice('server_vad', __('When the visitor pauses', 'realtime-voice-chat')),
          choice('semantic_vad', __('When the visitor seems done', 'realtime-voice-chat')),
          choice('none', __('Push to talk', 'realtime-voice-chat')),
        ]),
        select(props, 'transport', __('Connection', 'realtime-voice-chat'), [
          choice('auto', __('Automatic', 'realtime-voice-chat')),
          choice('webrtc', 'WebRTC'),
          choice('websocket', 'WebSocket'),
        ]),
        select(props, 'linkTarget', __('Links in replies open', 'realtime-voice-chat'), [
          choice('_blank', __('In a new tab', 'realtime-voice-chat')),
          choice('_self', __('In the same tab', 'realtime-voice-chat')),
        ]),
        el(TextControl, {
          label: __('Model (one the settings allow)', 'realtime-voice-chat'),
          value: props.attributes.model,
          onChange: (model) => props.setAttributes({ model }),
        }),
      );
      return el(
        Fragment,
        null,
        el(InspectorControls, null, settings),
        el(
          'div',
          useBlockProps(),
          el(Placeholder, {
            icon: 'microphone',
            label: __('Voice chat', 'realtime-voice-chat'),
            instructions: __(
              'Visitors talk with your assistant here. Its settings are in the sidebar.',
              'realtime-voice-chat',
            ),
          }),
        ),
      );
    },
    // Rendered on the server, so the page always gets the site's current endpoints.
    save: () => null,
  });
})(window.wp);
