/**
 * Losing carriers the simulator assigns to numbers. Names are real operators; SPIDs/OCNs are
 * made-up four-character codes in the NPAC format, not the operators' real ones.
 */
export interface Carrier {
  readonly name: string;
  /** NPAC SPID / LERG OCN (the simulator uses one code for both). */
  readonly spid: string;
  /** `carrier.type` of a number lookup. */
  readonly lineType: 'fixed line' | 'mobile' | 'voip' | 'toll free';
  /** `carrier.normalized_carrier` of a number lookup. */
  readonly normalized: string;
}

/** The carrier that owns numbers already on Telnyx (not portable to Telnyx). */
export const TELNYX_CARRIER: Carrier = { name: 'Telnyx', spid: '073H', lineType: 'voip', normalized: 'Telnyx' };

export const US_LANDLINE_CARRIERS: readonly Carrier[] = [
  { name: 'AT&T Local', spid: '9104', lineType: 'fixed line', normalized: 'AT&T' },
  { name: 'Verizon Business', spid: '9206', lineType: 'fixed line', normalized: 'Verizon' },
  { name: 'Lumen Technologies', spid: '9636', lineType: 'fixed line', normalized: 'Lumen' },
  { name: 'Frontier Communications', spid: '0341', lineType: 'fixed line', normalized: 'Frontier' },
  { name: 'Comcast Business', spid: '7520', lineType: 'voip', normalized: 'Comcast' },
  { name: 'Charter Spectrum', spid: '7826', lineType: 'voip', normalized: 'Charter' },
  { name: 'Bandwidth.com CLEC', spid: '979E', lineType: 'voip', normalized: 'Bandwidth' },
  { name: 'Level 3 Communications', spid: '8825', lineType: 'voip', normalized: 'Lumen' },
];

export const US_MOBILE_CARRIERS: readonly Carrier[] = [
  { name: 'Verizon Wireless', spid: '6006', lineType: 'mobile', normalized: 'Verizon' },
  { name: 'T-Mobile USA', spid: '6529', lineType: 'mobile', normalized: 'T-Mobile' },
  { name: 'AT&T Mobility', spid: '6214', lineType: 'mobile', normalized: 'AT&T' },
];

export const US_TOLL_FREE_CARRIERS: readonly Carrier[] = [
  { name: 'AT&T Toll Free', spid: 'ATX1', lineType: 'toll free', normalized: 'AT&T' },
  { name: 'Verizon Toll Free', spid: 'VZT1', lineType: 'toll free', normalized: 'Verizon' },
  { name: 'Lumen Toll Free', spid: 'LMT1', lineType: 'toll free', normalized: 'Lumen' },
];

export const CANADA_CARRIERS: readonly Carrier[] = [
  { name: 'Bell Canada', spid: '8201', lineType: 'fixed line', normalized: 'Bell' },
  { name: 'Rogers Communications', spid: '8202', lineType: 'mobile', normalized: 'Rogers' },
  { name: 'TELUS Communications', spid: '8203', lineType: 'fixed line', normalized: 'TELUS' },
];

/** Outside North America: a few incumbents per country, else a generic national operator. */
export const INTERNATIONAL_CARRIERS: Readonly<Record<string, readonly Carrier[]>> = {
  GB: [
    { name: 'BT', spid: 'GB01', lineType: 'fixed line', normalized: 'BT' },
    { name: 'Virgin Media', spid: 'GB02', lineType: 'fixed line', normalized: 'Virgin Media' },
    { name: 'Vodafone UK', spid: 'GB03', lineType: 'mobile', normalized: 'Vodafone' },
    { name: 'EE', spid: 'GB04', lineType: 'mobile', normalized: 'BT' },
  ],
  DE: [
    { name: 'Deutsche Telekom', spid: 'DE01', lineType: 'fixed line', normalized: 'Deutsche Telekom' },
    { name: 'Vodafone GmbH', spid: 'DE02', lineType: 'mobile', normalized: 'Vodafone' },
    { name: 'Telefónica Germany', spid: 'DE03', lineType: 'mobile', normalized: 'Telefónica' },
  ],
  FR: [
    { name: 'Orange France', spid: 'FR01', lineType: 'fixed line', normalized: 'Orange' },
    { name: 'SFR', spid: 'FR02', lineType: 'mobile', normalized: 'Altice' },
  ],
};

export function genericCarrier(countryCode: string, lineType: Carrier['lineType']): Carrier {
  return { name: `${countryCode} National Operator`, spid: `${countryCode}00`, lineType, normalized: `${countryCode} National Operator` };
}
