import { callIdFrom, isSdp, realtimeUrl } from '../core/protocol/api.js';
import { BodyTooLarge, readBody, readText } from './body.js';
import { pageTools, withPageTools, type PageTool } from './page-tools.js';
import { MAX_TOKEN_BODY_BYTES } from './token-handler.js';
import { CallControl, hangUpCall, withServerTools, type CallControlOptions, type ServerTool } from './call-control.js';
import { attachInObject, type ControlNamespace } from './control-object.js';
import type { Limits } from './limits/limits.js';
import {
  callUpstream,
  controlUnavailable,
  DEFAULT_BASE_URL,
  modelRefusal,
  passOn,
  problem,
  refusal,
  requireOrigins,
  upstreamSession,
  type GuardOptions,
} from './guards.js';

export interface CallHandlerOptions extends GuardOptions {
  /** The server's standard API key (`sk-…`). It stays on the server: the browser never holds any key. */
  apiKey: string;
  /** Base URL of the Realtime service (default `https://api.openai.com/v1`). */
  baseUrl?: string;
  /** Session config fixed by the server (GA shape; `type: "realtime"` is added), sent as the `session` part. */
  session?: Record<string, unknown>;
  /** Models a page may ask for with `?model=…`; anything else is refused. Default: none. */
  allowModels?: readonly string[];
  /** Told each call's id (`rtc_…`) once it exists, e.g. to hang it up server-side or attach a sideband socket. */
  onCall?: (callId: string, request: Request) => void;
  /** The fetch to call upstream with (tests, proxies). */
  fetch?: typeof fetch;
  /**
   * Server-side control of each call (needs a long-lived process: Node, Deno, Bun): server tools answered here,
   * the host's session enforced, events watched, calls hung up — see {@link CallControlOptions}.
   */
  control?: CallControlOptions;
  /**
   * On Cloudflare, where a Worker holds no socket past its request: each call is controlled by a Durable Object of
   * this namespace (a class made by {@link callControlObject}), one per call. `tools`: the server tools that object
   * answers, declared in the call's session here.
   */
  controlObject?: { namespace: ControlNamespace; tools?: readonly ServerTool[] };
  /**
   * Visitor and site limits on the calls made ({@link createLimits}): a call is one conversation; with `control` its
   * minutes and tokens are charged as it goes (it is hung up when a budget is spent) and its place among the calls
   * open at once is given back when it ends.
   */
  limits?: Limits;
}

/** The call endpoint's handler; with `control`, its {@link CallControl} (`hangup(callId)`, `open`, `close()`). */
export type CallHandler = ((request: Request) => Promise<Response>) & { control?: CallControl };

/** An audio + data channel offer is 3–6 KB; anything far larger is not an offer. */
export const MAX_OFFER_BYTES = 64 * 1024;

/** A page's offer posted with its tools (`sdp` and `tools` parts), read bounded; unreadable parts count as none. */
async function offerWithTools(request: Request, type: string): Promise<{ offer: string; tools: PageTool[] }> {
  const bytes = await readBody(request, MAX_OFFER_BYTES + MAX_TOKEN_BODY_BYTES);
  const form = await new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': type } })
    .formData()
    .catch(() => undefined);
  const sdp = form?.get('sdp');
  const tools = form?.get('tools');
  let declared: unknown;
  try {
    declared = typeof tools === 'string' ? JSON.parse(tools) : undefined;
  } catch {
    declared = undefined;
  }
  return { offer: typeof sdp === 'string' ? sdp : '', tools: pageTools({ tools: declared }) };
}

/** The service's answer as the page gets it when it is no call (a control needs the call's id too). */
function upstreamRefusal(
  answered: Response | { response: Response; text: string },
  needsId: boolean,
): Response | undefined {
  if (answered instanceof Response) return answered;
  const { response, text } = answered;
  if (!response.ok) return passOn(response, text);
  if (!isSdp(text)) return problem(502, 'upstream_invalid', 'the Realtime API answered without an SDP answer');
  if (needsId && !callIdFrom(response.headers.get('location'))) {
    return problem(502, 'upstream_invalid', 'the Realtime API answered without a call id to control');
  }
  return undefined;
}

/**
 * A Fetch-API handler for the unified interface (`call-endpoint`): the page POSTs its offer SDP here; the handler
 * posts it to `{baseUrl}/realtime/calls` as `multipart/form-data` (`sdp` + `session`) with the server's key and
 * answers with the SDP answer. No key reaches the browser, and the call starts one round trip sooner. The guards run
 * first, on headers alone; the offer is read after them, 64 KiB at most (else 413); the upstream call is bounded.
 */
export function createCallHandler(options: CallHandlerOptions): CallHandler {
  const { apiKey, baseUrl = DEFAULT_BASE_URL, allowModels = [] } = options;
  const upstreamFetch = options.fetch ?? fetch;
  if (!apiKey) throw new Error('createCallHandler needs an apiKey');
  requireOrigins('createCallHandler', options);
  if (options.control && options.controlObject) throw new Error('createCallHandler takes control or controlObject');
  const remote = options.controlObject;
  if (options.limits?.needsControl && !options.control && !remote) {
    throw new Error(
      'createCallHandler counts calls open at once, minutes and tokens only with control, which sees each call',
    );
  }
  const control =
    options.control &&
    new CallControl(options.control, { apiKey, baseUrl, session: options.session ?? {}, fetch: upstreamFetch });
  const served = options.control?.tools ?? remote?.tools ?? [];
  const session = served.length
    ? { ...options.session, tools: withServerTools(options.session?.tools, served) }
    : (options.session ?? {});

  const handler: CallHandler = async (request) => {
    const refused = await refusal(request, options);
    if (refused) return refused;
    const type = request.headers.get('content-type') ?? '';
    if (!type.startsWith('application/sdp') && !type.startsWith('multipart/form-data')) {
      return problem(
        415,
        'invalid_content_type',
        'send the offer SDP with Content-Type: application/sdp (or multipart/form-data: sdp, tools)',
      );
    }
    let offer: string;
    let tools: PageTool[] = [];
    try {
      ({ offer, tools } = type.startsWith('multipart/')
        ? await offerWithTools(request, type)
        : { offer: await readText(request, MAX_OFFER_BYTES), tools });
    } catch (e) {
      if (e instanceof BodyTooLarge)
        return problem(413, 'offer_too_large', `an offer is at most ${MAX_OFFER_BYTES} bytes`);
      throw e;
    }
    if (!isSdp(offer)) return problem(400, 'invalid_offer', 'the body is not an SDP offer');
    const model = new URL(request.url).searchParams.get('model') ?? undefined;
    const notOffered = modelRefusal(model, allowModels);
    if (notOffered) return notOffered;
    // Fail closed: a call that could not be controlled is never made.
    const slot = control?.reserve();
    if (control && !slot) return controlUnavailable();
    const admitted = await options.limits?.admit(request);
    if (admitted instanceof Response) {
      slot?.release();
      return admitted;
    }
    const form = new FormData();
    form.set('sdp', offer);
    form.set('session', JSON.stringify(upstreamSession(withPageTools(session, tools), model)));
    const answered = await callUpstream(request, options, (signal) =>
      upstreamFetch(realtimeUrl(baseUrl, 'calls'), {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}` },
        body: form,
        signal,
      }),
    );
    const refusedUpstream = upstreamRefusal(answered, !!(control || remote));
    if (refusedUpstream) {
      slot?.release();
      await admitted?.cancel();
      return refusedUpstream;
    }
    const { response: upstream, text: answer } = answered as Exclude<typeof answered, Response>;
    const location = upstream.headers.get('location');
    const callId = callIdFrom(location);
    if (control && callId) {
      // The visitor gets the answer only once the host's session is in place: nothing they send can come first.
      try {
        await control.attach(callId, { slot, awaitVisitor: true, pageTools: tools, admission: admitted });
      } catch {
        await control.hangup(callId).catch(() => {});
        await admitted?.cancel();
        return controlUnavailable();
      }
    }
    if (remote && callId) {
      try {
        await attachInObject(remote.namespace, { callId, pageTools: tools, admission: admitted?.handOff() });
      } catch {
        // Fail closed: a call its object could not control is ended here too (the object may never have heard of it).
        await hangUpCall({ baseUrl, apiKey, fetch: upstreamFetch }, callId).catch(() => {});
        await admitted?.cancel();
        return controlUnavailable();
      }
    }
    if (callId) options.onCall?.(callId, request);
    const headers: Record<string, string> = { 'content-type': 'application/sdp', 'cache-control': 'no-store' };
    if (location) Object.assign(headers, { location, 'access-control-expose-headers': 'location' });
    return new Response(answer, { status: 201, headers });
  };
  if (control) handler.control = control;
  return handler;
}
