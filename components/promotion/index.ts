export { ChartPromotion } from "./chartPromotion";
export { ChartPromotionArgs, PromotionEndpointArgs } from "./args";
