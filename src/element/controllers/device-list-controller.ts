import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The microphones and speakers to choose from while `active()`: listed when it becomes true and whenever devices change. */
export class DeviceListController implements ReactiveController {
  /** Microphones; undefined until listed for this call. */
  devices: MediaDeviceInfo[] | undefined;
  /** Speakers (output devices); undefined until listed for this call. */
  outputs: MediaDeviceInfo[] | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly active: () => boolean,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    navigator.mediaDevices?.addEventListener('devicechange', this.#onChange);
  }

  hostDisconnected(): void {
    navigator.mediaDevices?.removeEventListener('devicechange', this.#onChange);
  }

  hostUpdated(): void {
    if (!this.active()) this.devices = this.outputs = undefined;
    else if (!this.devices) void this.#list();
  }

  #onChange = () => void this.#list();

  #list = async () => {
    if (!this.active()) return;
    this.devices = [];
    const devices = await navigator.mediaDevices.enumerateDevices().catch(() => []);
    // The platform's "default" and "communications" entries are aliases of real devices.
    const real = (kind: MediaDeviceKind) =>
      devices.filter((d) => d.kind === kind && d.deviceId !== 'default' && d.deviceId !== 'communications');
    this.devices = real('audioinput');
    this.outputs = real('audiooutput');
    this.host.requestUpdate();
  };
}
