// The page's own tool, beside the server's lookup_order: the element answers this one and leaves that one to the server.
import { setPageColor } from './page-tool.js';

document.querySelector('realtime-voice-chat').tools = [setPageColor];
