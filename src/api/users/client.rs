//! The [`Client`] endpoints of user mappings and devices, and the
//! [`UsersApi`] the flows are written against: build the path or body, call,
//! decode with [`super`]'s decoders.

use super::{
    decode_created_users, decode_deleted, decode_one_user, decode_user, decode_user_page,
    one_user_path, page_path, DeviceSwitch, NewUser, User, UserPage, UserUpdate,
};
use crate::api::endpoints::{to_json, Client};
use crate::api::error::ApiError;
use crate::api::service::UsersApi;
use crate::api::transport::HttpMethod;

impl Client {
    /// `GET /usermapping?page_size=&last_value=`: one page of users.
    pub(crate) async fn list_users_page(
        &self,
        app_token: &str,
        page_size: usize,
        last_value: &str,
    ) -> Result<UserPage, ApiError> {
        let path = page_path(page_size, last_value);
        self.call(
            HttpMethod::Get,
            &path,
            Some(app_token),
            None,
            decode_user_page,
        )
        .await
    }

    /// `GET /usermapping?user_id=`: one user, `None` if there is none.
    pub(crate) async fn get_user(
        &self,
        app_token: &str,
        app_user_id: &str,
    ) -> Result<Option<User>, ApiError> {
        let path = one_user_path(app_user_id);
        self.call(
            HttpMethod::Get,
            &path,
            Some(app_token),
            None,
            decode_one_user,
        )
        .await
    }

    /// `POST /usermapping`: creates every user of `users` (one array).
    pub(crate) async fn create_users(
        &self,
        app_token: &str,
        users: &[NewUser],
    ) -> Result<Vec<User>, ApiError> {
        let body = to_json(&users)?;
        self.call(
            HttpMethod::Post,
            "/usermapping",
            Some(app_token),
            Some(body),
            decode_created_users,
        )
        .await
    }

    /// `PUT /usermapping`: updates one user in place.
    pub(crate) async fn update_user(
        &self,
        app_token: &str,
        update: &UserUpdate,
    ) -> Result<User, ApiError> {
        let body = to_json(update)?;
        self.call(
            HttpMethod::Put,
            "/usermapping",
            Some(app_token),
            Some(body),
            decode_user,
        )
        .await
    }

    /// `DELETE /usermapping`: deletes EVERY user of the app (the API has no
    /// way to delete one).
    pub(crate) async fn delete_all_users(&self, app_token: &str) -> Result<String, ApiError> {
        self.call(
            HttpMethod::Delete,
            "/usermapping",
            Some(app_token),
            None,
            decode_deleted,
        )
        .await
    }

    /// `PUT /device`: switches a device on or off; the user as stored.
    pub(crate) async fn switch_device(
        &self,
        app_token: &str,
        switch: &DeviceSwitch,
    ) -> Result<User, ApiError> {
        let body = to_json(switch)?;
        self.call(
            HttpMethod::Put,
            "/device",
            Some(app_token),
            Some(body),
            decode_user,
        )
        .await
    }
}

impl UsersApi for Client {
    async fn list_users_page(
        &self,
        app_token: &str,
        page_size: usize,
        last_value: &str,
    ) -> Result<UserPage, ApiError> {
        Client::list_users_page(self, app_token, page_size, last_value).await
    }
    async fn get_user(&self, app_token: &str, app_user_id: &str) -> Result<Option<User>, ApiError> {
        Client::get_user(self, app_token, app_user_id).await
    }
    async fn create_users(
        &self,
        app_token: &str,
        users: &[NewUser],
    ) -> Result<Vec<User>, ApiError> {
        Client::create_users(self, app_token, users).await
    }
    async fn update_user(&self, app_token: &str, update: &UserUpdate) -> Result<User, ApiError> {
        Client::update_user(self, app_token, update).await
    }
    async fn delete_all_users(&self, app_token: &str) -> Result<String, ApiError> {
        Client::delete_all_users(self, app_token).await
    }
    async fn switch_device(
        &self,
        app_token: &str,
        switch: &DeviceSwitch,
    ) -> Result<User, ApiError> {
        Client::switch_device(self, app_token, switch).await
    }
}
