/** Loudness, 0..1, of the microphone being sent and of the model's voice being played. */
export interface Levels {
  input: number;
  output: number;
}
