//! The [`UsersApi`] of the [`Client`]: each endpoint of user mappings and
//! devices builds its path or body, calls, and decodes with [`super`]'s
//! decoders.

use super::{
    decode_created_users, decode_deleted, decode_one_user, decode_user, decode_user_page,
    one_user_path, page_path, DeviceSwitch, NewUser, User, UserPage, UserUpdate,
};
use crate::api::endpoints::{to_json, Client};
use crate::api::error::ApiError;
use crate::api::ids::AppToken;
use crate::api::service::UsersApi;
use crate::api::transport::HttpMethod;

impl UsersApi for Client {
    async fn list_users_page(
        &self,
        token: &AppToken,
        page_size: usize,
        last_value: &str,
    ) -> Result<UserPage, ApiError> {
        let path = page_path(page_size, last_value);
        let token = Some(token.expose());
        self.call(HttpMethod::Get, &path, token, None, decode_user_page)
            .await
    }

    async fn get_user(
        &self,
        token: &AppToken,
        app_user_id: &str,
    ) -> Result<Option<User>, ApiError> {
        let path = one_user_path(app_user_id);
        let token = Some(token.expose());
        self.call(HttpMethod::Get, &path, token, None, decode_one_user)
            .await
    }

    async fn create_users(
        &self,
        token: &AppToken,
        users: &[NewUser],
    ) -> Result<Vec<User>, ApiError> {
        let body = Some(to_json(&users)?);
        let token = Some(token.expose());
        let path = "/usermapping";
        self.call(HttpMethod::Post, path, token, body, decode_created_users)
            .await
    }

    async fn update_user(&self, token: &AppToken, update: &UserUpdate) -> Result<User, ApiError> {
        let body = Some(to_json(update)?);
        let token = Some(token.expose());
        self.call(HttpMethod::Put, "/usermapping", token, body, decode_user)
            .await
    }

    /// Deletes EVERY user of the app (the API has no way to delete one).
    async fn delete_all_users(&self, token: &AppToken) -> Result<String, ApiError> {
        let token = Some(token.expose());
        let path = "/usermapping";
        self.call(HttpMethod::Delete, path, token, None, decode_deleted)
            .await
    }

    async fn switch_device(
        &self,
        token: &AppToken,
        switch: &DeviceSwitch,
    ) -> Result<User, ApiError> {
        let body = Some(to_json(switch)?);
        let token = Some(token.expose());
        self.call(HttpMethod::Put, "/device", token, body, decode_user)
            .await
    }
}
