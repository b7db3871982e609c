// Editor data from custom-elements.json, at build time: VS Code's HTML and CSS custom data and JetBrains' web-types
// (package.json's "web-types" names the latter; VS Code reads the former from `html.customData` / `css.customData`).
import { readFileSync } from 'node:fs';
import { generateJetBrainsWebTypes } from 'custom-element-jet-brains-integration';
import { generateVsCodeCustomElementData } from 'custom-element-vs-code-integration';

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const quiet = { outdir: 'dist', hideLogs: true };
generateVsCodeCustomElementData(manifest, {
  ...quiet,
  htmlFileName: 'vscode.html-custom-data.json',
  cssFileName: 'vscode.css-custom-data.json',
});
generateJetBrainsWebTypes(manifest, { ...quiet, webTypesFileName: 'web-types.json', packageJson: false });
