import { SCHEMA_VERSION, Topics, type CampaignEvent } from '@meridian/contracts';
import type { Bus } from '@meridian/bus';
import type { Campaign } from '@meridian/campaign';

/** Publishes one change of a campaign on firmware.campaigns, keyed by its campaignId. */
export async function publishCampaignEvent(
  bus: Bus,
  campaign: Campaign,
  change: CampaignEvent['change'],
  at: Date,
): Promise<void> {
  const event: CampaignEvent = {
    schemaVersion: SCHEMA_VERSION,
    campaignId: campaign.campaignId,
    state: campaign.state,
    stage: campaign.stage,
    change,
    ...(campaign.pauseReason !== undefined && change === 'paused'
      ? { reason: campaign.pauseReason }
      : {}),
    at: at.toISOString(),
  };
  await bus.publish(Topics.firmwareCampaigns, campaign.campaignId, event);
}
