import { createApp } from 'vue';
import VoiceChatPanel from './VoiceChatPanel.vue';

const root = document.getElementById('app')!;
createApp(VoiceChatPanel, { baseUrl: root.dataset.baseUrl }).mount(root);
