import { expect } from '@open-wc/testing';
import { exchangeSdp, getEphemeralKey } from '../../src/core/index.js';
import { failure } from '../support/failure.js';
import { standInBaseUrl } from '../support/stand-in.js';

const signal = () => new AbortController().signal;

async function offer(): Promise<{ pc: RTCPeerConnection; sdp: string }> {
  const pc = new RTCPeerConnection();
  pc.addTransceiver('audio');
  pc.createDataChannel('oai-events');
  await pc.setLocalDescription(await pc.createOffer());
  return { pc, sdp: pc.localDescription!.sdp };
}

describe('SDP exchange', () => {
  it('returns the answer and the call id for a minted key', async () => {
    const { pc, sdp } = await offer();
    const key = await getEphemeralKey({ endpoint: '/token' }, signal());
    const answer = await exchangeSdp(`${await standInBaseUrl()}/realtime/calls`, sdp, key.value, signal());
    expect(answer.sdp).to.match(/^v=0\r\n/);
    expect(answer.callId).to.match(/^rtc_/);
    await pc.setRemoteDescription({ type: 'answer', sdp: answer.sdp });
    pc.close();
  });

  it('turns a JSON error body into a typed error with the server message', async () => {
    const { pc, sdp } = await offer();
    const e = await failure(
      exchangeSdp(`${await standInBaseUrl()}/realtime/calls`, sdp, 'ek_notMintedHere12345', signal()),
    );
    expect([e.code, e.status, e.detail]).to.deep.equal([
      'call_rejected',
      401,
      'The ephemeral key is missing, unknown or expired.',
    ]);
    pc.close();
  });

  it('reports a beta-style URL the way the GA API refuses it', async () => {
    const { pc, sdp } = await offer();
    const key = await getEphemeralKey({ endpoint: '/token' }, signal());
    const e = await failure(
      exchangeSdp(`${await standInBaseUrl()}/realtime/calls?model=gpt-realtime`, sdp, key.value, signal()),
    );
    expect([e.code, e.status]).to.deep.equal(['call_rejected', 400]);
    pc.close();
  });

  it('refuses a 2xx that is not SDP instead of handing it to setRemoteDescription', async () => {
    const e = await failure(exchangeSdp('/fixtures/calls/non-sdp', 'v=0\r\n', undefined, signal()));
    expect([e.code, e.status]).to.deep.equal(['call_invalid_answer', 201]);
  });

  it('says when the service cannot be reached', async () => {
    expect(
      (await failure(exchangeSdp('http://127.0.0.1:9/v1/realtime/calls', 'v=0\r\n', 'ek_x', signal()))).code,
    ).to.equal('call_unreachable');
  });
});
