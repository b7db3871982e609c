import { mount } from 'svelte';
import VoiceChatPanel from './VoiceChatPanel.svelte';

const root = document.getElementById('app')!;
mount(VoiceChatPanel, { target: root, props: { baseUrl: root.dataset.baseUrl! } });
